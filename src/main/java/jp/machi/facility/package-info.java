/**
 * Facilities (施設): the master, rooms (室場), categories and opening hours with closures. Other modules use
 * {@link jp.machi.facility.Facilities}; residents use /facilities, machines /api/v1/facilities (GeoJSON),
 * staff /staff/facilities.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Facilities")
package jp.machi.facility;
