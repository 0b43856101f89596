package jp.machi.shared.manifest;

import java.util.List;
import java.util.Locale;

/**
 * A section of My Page ({@code /account}), the hub of a person's business with the ward. A module declares a bean
 * of this type for what it holds of the person (bookings, applications, reports, subscriptions ...). My Page asks
 * every section for its links and leaves out a section with none, in {@code order()}.
 *
 * <p>{@link #links} runs on every My Page view: keep it to one cheap query. When staff act for a resident
 * (代理入力) it is asked for the resident's account.
 */
public interface AccountSection {

    /** Position on My Page (lower first); identity's own profile and security sections come first and last. */
    int order();

    /** Message key of the section's heading. */
    String titleKey();

    /**
     * The links of this section for the account, with a short status line each (for example 「次の予約: 1月9日」),
     * resolved in {@code locale}; empty to leave the section out.
     */
    List<AccountLink> links(long accountId, boolean staff, Locale locale);

    /** What a resident-only section shows one person: its links with their status lines, in the locale. */
    @FunctionalInterface
    interface ResidentLinks {
        List<AccountLink> of(long accountId, Locale locale);
    }

    /**
     * A section shown only to residents (staff's own My Page leaves it out) whose links and status lines are worked out
     * for the person on each view, for example the number of open reports.
     */
    static AccountSection forResidents(int order, String titleKey, ResidentLinks links) {
        return new Section(order, titleKey, (accountId, staff, locale) -> staff ? List.of() : links.of(accountId, locale));
    }

    /** A section of plain links that are the same for everyone (no status line). */
    static AccountSection of(int order, String titleKey, Audience audience, AccountLink... links) {
        List<AccountLink> all = List.of(links);
        return new Section(order, titleKey, (accountId, staff, locale) -> switch (audience) {
            case EVERYONE, SIGNED_IN -> all;
            case RESIDENTS -> staff ? List.of() : all;
            case STAFF -> staff ? all : List.of();
        });
    }

    /** The sections the two factories above make: order, heading and a function for the links. */
    record Section(int order, String titleKey, Links source) implements AccountSection {

        @FunctionalInterface
        public interface Links {
            List<AccountLink> of(long accountId, boolean staff, Locale locale);
        }

        @Override
        public List<AccountLink> links(long accountId, boolean staff, Locale locale) {
            return source.of(accountId, staff, locale);
        }
    }
}
