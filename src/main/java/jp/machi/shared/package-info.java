/**
 * The shared kernel: small value types (Wareki, FiscalYear, LocalizedText), the database bootstrap,
 * web support (locale, error pages, security headers) and the signed-in principal. Nothing here is specific
 * to one capability; every module may use it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package jp.machi.shared;
