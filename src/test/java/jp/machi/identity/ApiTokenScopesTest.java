package jp.machi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.machi.identity.internal.ApiTokenService;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * Issue 16, item 2: a resident's token made more tokens and changed the contact address through the HTML forms, and a
 * staff token (no second factor) opened /staff/residents/{id}, /staff/outbox, /actuator/metrics and made fresh recovery
 * codes. Tokens now open the machine API only, for the requests their scopes list; staff tokens are scoped and expire.
 */
@MachiTest
class ApiTokenScopesTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired ApiTokenService tokens;
    @Autowired Accounts accounts;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }

    long id(String email) {
        return accounts.findByEmail(email).orElseThrow().id();
    }

    MockHttpServletResponse bearer(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                                   String token) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }

    @Test
    void aResidentsTokenOpensTheApiButNoPageOrForm() throws Exception {
        String email = "token-owner-" + UUID.randomUUID() + "@demo.machi.example";
        long resident = accounts.demoPerson(email, "トークン 太郎", "ja");
        String token = tokens.create(resident, "script", List.of("resident"), null);

        assertThat(bearer(get("/api/v1/me"), token).getContentAsString()).contains(email);
        assertThat(bearer(get("/api/v1/bookings"), token).getStatus()).isEqualTo(200);

        MockHttpServletResponse page = bearer(get("/account"), token);
        assertThat(page.getStatus()).isEqualTo(401);
        assertThat(page.getHeader("WWW-Authenticate")).contains("invalid_request");
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("アクセストークンで使えるのはAPI");

        // the attack: forms without a CSRF token, with only the Bearer header
        int before = tokens.active(resident).size();
        assertThat(bearer(post("/account/tokens").param("name", "more").param("scopes", "resident"), token).getStatus())
            .isIn(401, 403);
        assertThat(tokens.active(resident)).hasSize(before);
        assertThat(bearer(post("/account/profile").param("displayName", "乗っ取り").param("language", "ja")
            .param("contactEmail", "attacker@example.com"), token).getStatus()).isIn(401, 403);
        assertThat(accounts.find(resident).orElseThrow().displayName()).isEqualTo("トークン 太郎");
        // ... and even with a CSRF token a form is not a place for tokens
        assertThat(bearer(post("/account/tokens").with(csrf()).param("name", "more").param("scopes", "resident"), token)
            .getStatus()).isEqualTo(401);
        assertThat(tokens.active(resident)).hasSize(before);

        // the metrics need their own scope
        MockHttpServletResponse metrics = bearer(get("/actuator/prometheus"), token);
        assertThat(metrics.getStatus()).isEqualTo(403);
        assertThat(metrics.getHeader("WWW-Authenticate")).contains("insufficient_scope");
    }

    /** Issue 15: a token request to /api has its own, stateless security chain; it must still be the same gate. */
    @Test
    void aTokenRequestToTheApiKeepsNoSessionAndIsTheTokensOwner() throws Exception {
        String email = "token-stateless-" + UUID.randomUUID() + "@demo.machi.example";
        long resident = accounts.demoPerson(email, "トークン 花子", "ja");
        String token = tokens.create(resident, "script", List.of("resident"), null);

        var result = mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString()).contains(email);
        assertThat(result.getRequest().getSession(false)).as("no HTTP session for a token request").isNull();
        assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
        // the same security headers as every other answer
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).startsWith("default-src 'self'");
        assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(result.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");

        // a signed-in staff member's session next to the token: the token is the caller, not the session
        MockHttpServletResponse both = mvc.perform(get("/api/v1/me").with(StaffLogin.admin(jdbc))
            .header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(both.getContentAsString()).contains(email).doesNotContain("admin@demo.machi.example");

        // a wrong token is still a 401, never an anonymous caller; no token at all is the anonymous 401
        MockHttpServletResponse wrong = bearer(get("/api/v1/me"), token + "x");
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.getHeader("WWW-Authenticate")).contains("invalid_token");
        assertThat(mvc.perform(get("/api/v1/me")).andReturn().getResponse().getStatus()).isEqualTo(401);
        // a lower-case scheme is the same token request
        assertThat(mvc.perform(get("/api/v1/me").header("Authorization", "bearer " + token)).andReturn().getResponse()
            .getContentAsString()).contains(email);
    }

    @Test
    void aStaffTokenNeverActsAsTheSignedInStaffMember() throws Exception {
        long admin = id("admin@demo.machi.example");
        String scrape = tokens.create(admin, "prometheus " + UUID.randomUUID(), List.of("metrics:read"), Duration.ofDays(30));
        long anyResident = id("resident@demo.machi.example");
        int codesBefore = jdbc.sql("select count(*) from recovery_code where account_id = ?").param(admin)
            .query(Integer.class).single();

        assertThat(bearer(get("/actuator/prometheus"), scrape).getStatus()).isEqualTo(200);
        assertThat(bearer(get("/actuator/metrics"), scrape).getStatus()).isEqualTo(200);
        for (String path : List.of("/staff/residents/" + anyResident, "/staff/outbox", "/staff", "/admin/staff", "/audit",
            "/account/tokens")) {
            MockHttpServletResponse r = bearer(get(path), scrape);
            assertThat(r.getStatus()).as(path).isEqualTo(401);
            assertThat(r.getContentAsString()).as(path).doesNotContain("resident@demo.machi.example");
        }
        assertThat(bearer(post("/account/recovery-codes").with(csrf()), scrape).getStatus()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from recovery_code where account_id = ?").param(admin).query(Integer.class)
            .single()).isEqualTo(codesBefore);
        // an API request its scope does not list
        assertThat(bearer(get("/api/v1/me"), scrape).getStatus()).isEqualTo(403);
        assertThat(bearer(get("/api/v1/bookings"), scrape).getStatus()).isEqualTo(403);
    }

    @Test
    void staffTokensAreScopedAndExpire() throws Exception {
        long admin = id("admin@demo.machi.example");
        long staff = id("staff@demo.machi.example");
        assertThatThrownBy(() -> tokens.create(admin, "forever", List.of("metrics:read"), null))
            .isInstanceOfSatisfying(ApiTokenService.Refused.class, e -> assertThat(e.field()).isEqualTo("days"));
        assertThatThrownBy(() -> tokens.create(admin, "long", List.of("metrics:read"), Duration.ofDays(91)))
            .isInstanceOf(ApiTokenService.Refused.class);
        assertThatThrownBy(() -> tokens.create(admin, "none", List.of(), Duration.ofDays(30)))
            .as("staff always choose their scopes")
            .isInstanceOfSatisfying(ApiTokenService.Refused.class, e -> assertThat(e.field()).isEqualTo("scopes"));
        // a department staff member may not hold the metrics scope, nor a resident's
        assertThatThrownBy(() -> tokens.create(staff, "scrape", List.of("metrics:read"), Duration.ofDays(30)))
            .isInstanceOfSatisfying(ApiTokenService.Refused.class, e -> assertThat(e.field()).isEqualTo("scopes"));
        assertThatThrownBy(() -> tokens.create(staff, "as me", List.of("resident"), Duration.ofDays(30)))
            .isInstanceOf(ApiTokenService.Refused.class);

        String token = tokens.create(admin, "short " + UUID.randomUUID(), List.of("metrics:read"), Duration.ofDays(7));
        assertThat(bearer(get("/actuator/prometheus"), token).getStatus()).isEqualTo(200);
        jdbc.sql("update api_token set expires_at = now() - interval '1 second' "
            + "where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')").param(token).update();
        MockHttpServletResponse expired = bearer(get("/actuator/prometheus"), token);
        assertThat(expired.getStatus()).isEqualTo(401);
        assertThat(expired.getHeader("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void aScopeLapsesWhenItsOwnerLosesTheRole() throws Exception {
        // a staff token from before scopes: it said 'resident', which a staff member cannot hold
        long staff = id("staff@demo.machi.example");
        String legacy = "machi_legacy_" + UUID.randomUUID();
        jdbc.sql("insert into api_token (account_id, name, token_hash, token_prefix, scopes) "
                + "values (?, 'legacy', encode(sha256(convert_to(?, 'UTF8')), 'hex'), 'machi_lega', 'resident')")
            .params(staff, legacy).update();
        assertThat(bearer(get("/api/v1/me"), legacy).getStatus()).isEqualTo(403);
        assertThat(bearer(get("/staff/residents"), legacy).getStatus()).isEqualTo(401);
    }

    @Test
    void tokensAreManagedInASignedInSessionAfterTheSecondFactorOnly() throws Exception {
        long admin = id("admin@demo.machi.example");
        // between password and second factor: no token page, no recovery codes
        var pending = authentication(UsernamePasswordAuthenticationToken.authenticated("admin@demo.machi.example", null,
            List.of(new SimpleGrantedAuthority("MFA_PENDING"))));
        for (var request : List.of(get("/account/tokens"), post("/account/recovery-codes").with(csrf()))) {
            MockHttpServletResponse r = mvc.perform(request.with(pending)).andReturn().getResponse();
            assertThat(r.getStatus()).isIn(302, 403);
            if (r.getStatus() == 302) {
                assertThat(r.getRedirectedUrl()).contains("/login/2fa");
            }
        }

        // after it: the form offers the staff member's scopes and a period of at most 90 days
        String form = StaffLogin.body(mvc.perform(get("/account/tokens").with(StaffLogin.admin(jdbc))));
        assertThat(form).contains("value=\"metrics:read\"").doesNotContain("value=\"resident\"")
            .contains("<option value=\"90\"").doesNotContain("<option value=\"365\"")
            .contains("職員のトークンは最長90日で使えなくなります。");
        var refused = mvc.perform(post("/account/tokens").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("name", "too long").param("scopes", "metrics:read").param("days", "365")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        var made = mvc.perform(post("/account/tokens").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("name", "scrape " + UUID.randomUUID()).param("scopes", "metrics:read").param("days", "30"))
            .andReturn().getResponse();
        assertThat(made.getStatus()).isEqualTo(302);
        assertThat(tokens.active(admin)).anySatisfy(t -> {
            assertThat(t.scopes()).containsExactly("metrics:read");
            assertThat(t.expiresAt()).isNotNull();
        });
    }

    @Test
    void theDemoStaffTokenMechanismGivesKnownScopedTokensInDemoModeOnly() throws Exception {
        String value = "demo-test-token-" + UUID.randomUUID();
        accounts.demoToken("admin@demo.machi.example", value, "demo scrape", Set.of("metrics:read"));
        accounts.demoToken("admin@demo.machi.example", value, "demo scrape", Set.of("metrics:read"));
        assertThat(bearer(get("/actuator/prometheus"), value).getStatus()).isEqualTo(200);
        assertThat(bearer(get("/staff"), value).getStatus()).isEqualTo(401);
        assertThatThrownBy(() -> accounts.demoToken("someone@example.jp", value, "x", Set.of("metrics:read")))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> accounts.demoToken("staff@demo.machi.example", value + "2", "x", Set.of("metrics:read")))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
