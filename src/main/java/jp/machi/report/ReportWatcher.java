package jp.machi.report;

/**
 * A person who hears about a report's status: the reporter or a follower, by account or (without one) by address.
 *
 * @param accountId the person's account, or null
 * @param email     the address of someone without an account (null with an account)
 * @param language  ja or en, for someone without an account
 */
public record ReportWatcher(Long accountId, String email, String language) {}
