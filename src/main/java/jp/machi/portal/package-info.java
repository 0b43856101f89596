/**
 * The shell every page shares: header, language switch, sign-in state, the home page that lists the
 * services modules offer, the accessibility, privacy and about pages, and the error pages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Portal (shell and home page)")
package jp.machi.portal;
