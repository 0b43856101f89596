package jp.machi.shared.manifest;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The person whose data is exported or erased, as every module may know them: the account number and the e-mail
 * addresses the account holds (sign-in and contact address, lower case), for modules that keep data by address
 * (the mail outbox, subscriptions made before signing up, report followers without an account).
 *
 * @param accountId   the account
 * @param emails      the person's addresses, lower case
 * @param displayName the name on the account (for modules that stored a copy of it)
 */
public record DataSubject(long accountId, Set<String> emails, String displayName) {

    public DataSubject {
        TreeSet<String> lower = new TreeSet<>();
        for (String e : emails) {
            if (e != null && !e.isBlank()) {
                lower.add(e.strip().toLowerCase(Locale.ROOT));
            }
        }
        emails = Set.copyOf(lower);
    }
}
