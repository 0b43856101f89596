package jp.machi.audit.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jp.machi.audit.internal.AuditAnchorFile;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public list of audit anchors (監査ログのアンカー): the checkpoints of the chain, read from the anchor file
 * outside the database. Anyone may read and keep copies (only numbers and hashes, no personal data), so a rewrite of
 * the log cannot be hidden by rewriting the database's own checkpoints.
 */
@Controller
class AuditAnchorsController {

    static final int SHOWN = 100;

    private final AuditAnchorFile anchors;

    AuditAnchorsController(AuditAnchorFile anchors) {
        this.anchors = anchors;
    }

    @GetMapping("/audit-anchors")
    String page(Model model) {
        List<AuditAnchorFile.Anchor> all = anchors.all().stream().filter(a -> a.entryId() > 0).toList();
        List<AnchorRow> rows = new ArrayList<>();
        for (int i = all.size() - 1; i >= Math.max(0, all.size() - SHOWN); i--) {
            AuditAnchorFile.Anchor a = all.get(i);
            rows.add(new AnchorRow(a.entryId(), a.entryCount(), a.entryHash(), a.seal(),
                AuditRow.TOKYO.format(a.publishedAt())));
        }
        model.addAttribute("anchors", Collections.unmodifiableList(rows));
        model.addAttribute("total", all.size());
        return "audit/anchors";
    }

    @GetMapping("/audit-anchors.txt")
    ResponseEntity<byte[]> text() {
        StringBuilder out = new StringBuilder("# Machi audit anchors: entry_number entry_count entry_hash seal published_at_utc\n");
        for (AuditAnchorFile.Anchor a : anchors.all()) {
            if (a.entryId() > 0) {
                out.append(a.entryId()).append(' ').append(a.entryCount()).append(' ').append(a.entryHash())
                    .append(' ').append(a.seal()).append(' ').append(a.publishedAt()).append('\n');
            }
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
            .cacheControl(CacheControl.noCache()).body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    record AnchorRow(long number, long count, String hash, String seal, String publishedAt) {}
}
