package jp.machi.mail.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.machi.audit.AuditChainChecked;
import jp.machi.mail.Mailer;
import jp.machi.shared.web.SiteUrl;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mails every check of the audit chain to the auditors named in the configuration ({@code machi.audit.anchor.mail-to}):
 * a passed check with the checkpoint it anchored (entry number, count, hash and seal), so that a copy of the anchor
 * lives in the auditors' mailboxes where the database's owner cannot rewrite it; a failed check with its faults.
 * The mail is in Japanese and English in one text, since a configured address has no language.
 */
@Component
class AuditAnchorMail {

    private final Mailer mailer;
    private final String baseUrl;

    AuditAnchorMail(Mailer mailer, SiteUrl site) {
        this.mailer = mailer;
        this.baseUrl = site.base();
    }

    @ApplicationModuleListener
    void on(AuditChainChecked event) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ok", event.ok());
        model.put("number", event.entryId());
        model.put("count", event.entryCount());
        model.put("hash", event.entryHash());
        model.put("seal", event.seal());
        model.put("faults", event.faults());
        model.put("checkedAt", event.checkedAt().toString());
        model.put("anchorsUrl", baseUrl + "/audit-anchors");
        model.put("verifyUrl", baseUrl + "/audit/verify");
        for (String to : event.recipients()) {
            mailer.send(to, "audit/chain-checked", Locale.JAPANESE, model,
                "audit-chain-checked:" + event.checkedAt() + ":" + event.entryId());
        }
    }
}
