package jp.machi.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A carrier's rule applies to its domain and its subdomains, in any letter case, and to nothing that only ends alike. */
class NotificationSettingsTest {

    @Test
    void aCarriersRuleMatchesItsDomainAndSubdomainsOnly() {
        NotificationSettings settings = new NotificationSettings(null, null, null,
            List.of(new NotificationSettings.Carrier(List.of("docomo.ne.jp"), 100, 0)), null, null, null, null);
        NotificationSettings.Carrier docomo = settings.carriers().getFirst();
        assertThat(settings.carrierOf("hanako@docomo.ne.jp")).isSameAs(docomo);
        assertThat(settings.carrierOf("Hanako@DoCoMo.NE.JP")).isSameAs(docomo);
        assertThat(settings.carrierOf("hanako@mail.docomo.ne.jp")).isSameAs(docomo);
        assertThat(settings.carrierOf("hanako@notdocomo.ne.jp")).isNull();
        assertThat(settings.carrierOf("hanako@docomo.ne.jp.example")).isNull();
        assertThat(settings.carrierOf("docomo.ne.jp@example.jp")).isNull();
        assertThat(settings.carrierOf("hanako@ne.jp")).isNull();
        assertThat(settings.carrierOf("no-at-sign")).isNull();
        assertThat(settings.carrierOf(null)).isNull();
    }
}
