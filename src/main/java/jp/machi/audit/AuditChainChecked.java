package jp.machi.audit;

import java.time.Instant;
import java.util.List;

/**
 * Published after a check of the audit chain commits: when it passed, with the checkpoint it anchored (to be mailed
 * to the auditors, outside the database); when it failed, with a short summary of the faults. The mail module sends
 * it to {@code recipients} (configured in {@code machi.audit.anchor.mail-to}, never taken from the database).
 *
 * @param ok         whether the chain was intact
 * @param entryId    the anchored entry's number (the last entry checked)
 * @param entryCount how many entries there were
 * @param entryHash  that entry's hash
 * @param seal       the checkpoint's seal (HMAC under the key kept outside the database)
 * @param faults     when not ok: what was found, e.g. {@code rehashed@12-40, checkpoint@40}
 * @param checkedAt  when the check ran
 * @param recipients who receives the mail
 */
public record AuditChainChecked(boolean ok, long entryId, long entryCount, String entryHash, String seal,
                                String faults, Instant checkedAt, List<String> recipients) {}
