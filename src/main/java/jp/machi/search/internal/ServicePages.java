package jp.machi.search.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.machi.search.SearchDocument;
import jp.machi.search.SearchSource;
import jp.machi.shared.manifest.ServiceLink;
import jp.machi.shared.text.LocalizedText;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

/**
 * The start page of every service on the home page (facility search, room booking, まちレポ, the inquiry desk ...)
 * as a search document, from the modules' {@link ServiceLink}s: a resident who types 「施設の予約」 finds the booking
 * pages without any module writing a search source for them.
 */
final class ServicePages implements SearchSource {

    private final List<ServiceLink> links;
    private final MessageSource messages;

    ServicePages(List<ServiceLink> links, MessageSource messages) {
        this.links = List.copyOf(links);
        this.messages = messages;
    }

    @Override
    public String name() {
        return "search.services";
    }

    @Override
    public long revision() {
        return 1;
    }

    @Override
    public List<SearchDocument> documents() {
        List<SearchDocument> docs = new ArrayList<>();
        for (ServiceLink l : links) {
            docs.add(new SearchDocument("page", l.path(),
                new LocalizedText(text(l.titleKey(), Locale.JAPANESE), text(l.titleKey(), Locale.ENGLISH)),
                new LocalizedText(text(l.descriptionKey(), Locale.JAPANESE), text(l.descriptionKey(), Locale.ENGLISH)),
                l.path(), false, null));
        }
        return docs;
    }

    private String text(String key, Locale locale) {
        try {
            return messages.getMessage(key, null, locale);
        } catch (NoSuchMessageException e) {
            return "";
        }
    }
}
