/**
 * Identity: residents and staff, sign-in (password; TOTP two-factor for staff), roles and departments,
 * personal API tokens, and acting for a resident (代理入力). Other modules use {@link jp.machi.identity.Accounts}
 * and {@link jp.machi.identity.StaffScope}, and listen to {@link jp.machi.identity.ResidentDeleted}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity (accounts, staff, sign-in)")
package jp.machi.identity;
