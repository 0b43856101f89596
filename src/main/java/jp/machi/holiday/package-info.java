/**
 * Japanese public holidays (祝日, 振替休日, 国民の休日) from our own calculator of the Act on National Holidays,
 * overridden by the Cabinet Office table where staff loaded it. Other modules use {@link PublicHolidays}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Public holidays")
package jp.machi.holiday;
