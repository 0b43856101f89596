package jp.machi.portal.web;

import jp.machi.shared.security.CurrentActor.ProxySubject;

/** What the layout needs on every page. */
public record Shell(String wardName, boolean demonstration, boolean signedIn, boolean staff, String displayName,
                    ProxySubject proxy, String langJa, String langEn) {}
