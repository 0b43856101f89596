package jp.machi.identity;

import java.util.Optional;

/** Look up accounts from other modules. */
public interface Accounts {

    Optional<AccountSummary> find(long accountId);

    Optional<AccountSummary> findByEmail(String email);

    /**
     * Demo mode only: the id of a resident account with this {@code @demo.machi.example} address, created when it does
     * not exist yet with a random password nobody knows (it cannot sign in). Lets modules seed example people
     * (e.g. lottery applicants). Throws IllegalStateException outside demo mode or for another address.
     */
    long demoPerson(String email, String displayName, String language);
}
