/**
 * まちレポ: residents report local problems (a broken street light, road damage, dumped rubbish) with photos and a
 * place; the responsible department handles them in public. Other modules and the Open311 API see
 * {@link jp.machi.report.ReportStatus}, {@link jp.machi.report.ReportStatusChanged} and {@link jp.machi.report.Reports}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Resident reports (まちレポ)")
package jp.machi.report;
