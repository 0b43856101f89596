/**
 * The ward profile: the ward's name, 全国地方公共団体コード, departments, districts and map centre, read from a
 * profile file (MACHI_WARD_PROFILE, default the demo profile of Nerima).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ward profile")
package jp.machi.ward;
