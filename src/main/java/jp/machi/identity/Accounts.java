package jp.machi.identity;

import java.util.Optional;

/** Look up accounts from other modules. */
public interface Accounts {

    Optional<AccountSummary> find(long accountId);

    Optional<AccountSummary> findByEmail(String email);
}
