package jp.machi.facility;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jp.machi.shared.security.Role;
import jp.machi.identity.internal.Account;
import jp.machi.identity.internal.AccountRepository;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Signed-in staff for MockMvc, and the upload → preview → apply steps of the import pages. */
final class FacilityDataSupport {

    record Staff(long accountId, String email) implements MachiPrincipal {
        @Override
        public String displayName() {
            return email;
        }

        @Override
        public String preferredLanguage() {
            return "ja";
        }

        @Override
        public boolean isStaff() {
            return true;
        }
    }

    private FacilityDataSupport() {}

    static Authentication auth(long accountId, String email, Role... roles) {
        List<SimpleGrantedAuthority> authorities = java.util.Arrays.stream(roles).map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        return UsernamePasswordAuthenticationToken.authenticated(new Staff(accountId, email), null, authorities);
    }

    /** A new department admin of the given departments (a fresh account each time: tables are never assumed empty). */
    static Authentication deptAdmin(AccountRepository accounts, String... departments) {
        String email = "dept-admin-" + System.nanoTime() + "@example.jp";
        long id = accounts.insert(Account.STAFF, email, "x", "部署 管理者", null, null, "ja", Instant.now());
        accounts.setRoles(id, EnumSet.of(Role.STAFF, Role.DEPT_ADMIN));
        accounts.setDepartments(id, Set.of(departments), false);
        return auth(id, email, Role.STAFF, Role.DEPT_ADMIN);
    }

    static MvcResult upload(MockMvc mvc, Authentication who, String dataset, String department, byte[] file) throws Exception {
        return mvc.perform(multipart("/staff/facilities/import").file(new MockMultipartFile("file", "test.csv", "text/csv", file))
            .param("dataset", dataset).param("department", department).with(csrf()).with(authentication(who))).andReturn();
    }

    static String token(MvcResult r) {
        String location = r.getResponse().getRedirectedUrl();
        if (location == null || !location.startsWith("/staff/facilities/import/")) {
            throw new AssertionError("no preview: " + r.getResponse().getStatus() + " " + html(r));
        }
        return location.substring("/staff/facilities/import/".length());
    }

    static String preview(MockMvc mvc, Authentication who, String token) throws Exception {
        return html(mvc.perform(get("/staff/facilities/import/" + token).with(authentication(who))).andReturn());
    }

    static MvcResult apply(MockMvc mvc, Authentication who, String token) throws Exception {
        return mvc.perform(post("/staff/facilities/import/" + token + "/apply").with(csrf()).with(authentication(who))).andReturn();
    }

    static String html(MvcResult r) {
        try {
            return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {new, changed, unchanged} as the preview says them. */
    static int[] counts(String previewHtml) {
        var m = java.util.regex.Pattern.compile("新規 (\\d+)件、変更 (\\d+)件、変更なし (\\d+)件").matcher(previewHtml);
        if (!m.find()) {
            throw new AssertionError("no counts in preview: " + previewHtml);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** One CSV record with CRLF, as a file a ward's system writes (RFC 4180 quoting, nothing neutralised). */
    static void writeRecord(StringBuilder sb, java.util.List<String> cells) {
        sb.append(org.apache.commons.csv.CSVFormat.RFC4180.format(cells.toArray())).append("\r\n");
    }
}
