package jp.machi.identity.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.shared.security.Role;
import jp.machi.identity.StaffScope;
import org.springframework.stereotype.Service;

/** The identity module's face to other modules. */
@Service
class IdentityFacade implements Accounts, StaffScope {

    private final AccountRepository accounts;
    private final jp.machi.shared.DemoMode demo;
    private final org.springframework.beans.factory.ObjectProvider<org.springframework.security.crypto.password.PasswordEncoder> encoder;
    private final org.springframework.beans.factory.ObjectProvider<ApiTokenService> tokens;
    private final org.springframework.beans.factory.ObjectProvider<TokenScopes> scopes;

    IdentityFacade(AccountRepository accounts, jp.machi.shared.DemoMode demo,
                   org.springframework.beans.factory.ObjectProvider<org.springframework.security.crypto.password.PasswordEncoder> encoder,
                   org.springframework.beans.factory.ObjectProvider<ApiTokenService> tokens,
                   org.springframework.beans.factory.ObjectProvider<TokenScopes> scopes) {
        this.accounts = accounts;
        this.demo = demo;
        this.encoder = encoder;
        this.tokens = tokens;
        this.scopes = scopes;
    }

    @Override
    @org.springframework.transaction.annotation.Transactional
    public void demoToken(String email, String token, String name, java.util.Set<String> scopeNames) {
        if (!demo.enabled() || !jp.machi.shared.DemoMode.isDemoAddress(email)) {
            throw new IllegalStateException("demo tokens exist in demo mode only, for demo accounts");
        }
        Account a = accounts.findActiveByEmail(email)
            .orElseThrow(() -> new IllegalArgumentException("No demo account " + email));
        for (String s : scopeNames) {
            var scope = scopes.getObject().find(s).orElseThrow(() -> new IllegalArgumentException("No token scope " + s));
            if (!TokenScopes.holds(a.roles(), scope.requires())) {
                throw new IllegalArgumentException(email + " does not hold " + scope.requires() + " for scope " + s);
            }
        }
        java.time.Instant expires = a.isStaff()
            ? java.time.Instant.now().plus(ApiTokenService.MAX_STAFF_VALIDITY) : null;
        tokens.getObject().putDemoToken(a.id(), name, token, scopeNames, expires);
    }

    @Override
    public long demoPerson(String email, String displayName, String language) {
        if (!demo.enabled() || email == null || !email.endsWith("@demo.machi.example")) {
            throw new IllegalStateException("demo people exist in demo mode only");
        }
        Optional<Account> existing = accounts.findActiveByEmail(email);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        String unknown = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
        long id = accounts.insert(Account.RESIDENT, email, encoder.getObject().encode(unknown), displayName, null, null,
            "en".equals(language) ? "en" : "ja", java.time.Instant.now());
        accounts.setRoles(id, java.util.EnumSet.of(Role.RESIDENT));
        return id;
    }

    @Override
    public Optional<AccountSummary> find(long accountId) {
        // the summary needs no roles or departments: one statement, not three
        return accounts.findAllById(List.of(accountId)).stream().findFirst().filter(a -> !a.isDeleted())
            .map(IdentityFacade::summary);
    }

    @Override
    public java.util.Map<Long, AccountSummary> findAll(java.util.Collection<Long> accountIds) {
        java.util.Map<Long, AccountSummary> found = new java.util.HashMap<>();
        for (Account a : accounts.findAllById(accountIds)) {
            if (!a.isDeleted()) {
                found.put(a.id(), summary(a));
            }
        }
        return found;
    }

    @Override
    public java.util.List<AccountSummary> staffOf(String departmentCode) {
        return accounts.staff().stream().filter(a -> a.allDepartments() || a.departments().contains(departmentCode))
            .map(IdentityFacade::summary).toList();
    }

    @Override
    public Optional<AccountSummary> findByEmail(String email) {
        return accounts.findActiveByEmail(email).map(IdentityFacade::summary);
    }

    @Override
    public Set<String> departmentsOf(long accountId) {
        return accounts.findById(accountId).filter(Account::isStaff).map(Account::departments).orElse(Set.of());
    }

    @Override
    public boolean canSee(long accountId, String departmentCode) {
        return accounts.findById(accountId).filter(Account::isStaff).filter(a -> !a.isDeleted())
            .map(a -> a.allDepartments() || a.has(Role.SYSTEM_ADMIN) || a.departments().contains(departmentCode))
            .orElse(false);
    }

    private static AccountSummary summary(Account a) {
        return new AccountSummary(a.id(), a.isStaff(), a.displayName(), a.email(), a.preferredLanguage());
    }
}
