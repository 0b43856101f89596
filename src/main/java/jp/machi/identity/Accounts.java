package jp.machi.identity;

import java.util.List;
import java.util.Optional;

/** Look up accounts from other modules. */
public interface Accounts {

    Optional<AccountSummary> find(long accountId);

    /**
     * The accounts among {@code accountIds} that exist and are not deleted, by id: what {@link #find} answers for each,
     * read at once (for jobs that write to many people).
     */
    default java.util.Map<Long, AccountSummary> findAll(java.util.Collection<Long> accountIds) {
        java.util.Map<Long, AccountSummary> found = new java.util.HashMap<>();
        for (Long id : new java.util.HashSet<>(accountIds)) {
            find(id).ifPresent(a -> found.put(id, a));
        }
        return found;
    }

    Optional<AccountSummary> findByEmail(String email);

    /**
     * The staff who work for this department (or for all departments), by name: whom a report or a task can be
     * given to. Staff choose a colleague from this list instead of typing an account number.
     */
    List<AccountSummary> staffOf(String departmentCode);

    /**
     * Demo mode only: the id of a resident account with this {@code @demo.machi.example} address, created when it does
     * not exist yet with a random password nobody knows (it cannot sign in). Lets modules seed example people
     * (e.g. lottery applicants). Throws IllegalStateException outside demo mode or for another address.
     */
    long demoPerson(String email, String displayName, String language);

    /**
     * Demo mode only: gives the demo account with this {@code @demo.machi.example} address an API token with a known
     * value and these scopes ({@link jp.machi.shared.security.TokenScope} names), or renews it (a staff token runs 90
     * days from each start). E.g. the notification module gives {@code staff@demo.machi.example} the token
     * {@code demo-staff-token} with its notice-sending scope. Throws IllegalStateException outside demo mode or for
     * another address, IllegalArgumentException for an unknown scope or one the account's roles do not allow.
     */
    void demoToken(String email, String token, String name, java.util.Set<String> scopes);
}
