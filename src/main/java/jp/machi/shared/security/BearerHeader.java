package jp.machi.shared.security;

import jakarta.servlet.http.HttpServletRequest;

/** Whether a request carries an API token ({@code Authorization: Bearer …}, the scheme's name in any case). */
public final class BearerHeader {

    private BearerHeader() {}

    public static boolean present(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
