package jp.machi.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals entries and checkpoints with HMAC-SHA256 under a key that is never stored in the database: from
 * {@code machi.audit.seal-key} (base64, at least 32 bytes) or else from the key file
 * {@code <machi.audit.anchor-dir>/seal.key}, created with 32 random bytes (owner read/write only) on first use.
 * Someone who controls only the database can change an entry and re-compute its SHA-256 chain hash, or insert a
 * checkpoint, but cannot compute a seal that checks out.
 */
@Component
public class AuditSeal {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    AuditSeal(@Value("${machi.audit.seal-key:}") String configured, AuditAnchorFile anchors) {
        byte[] bytes = configured == null || configured.isBlank()
            ? fromFile(anchors.directory().resolve("seal.key"))
            : Base64.getDecoder().decode(configured.strip());
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("machi.audit.seal-key must be at least 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** The seal of an entry, over its chain hash. */
    public String entry(String hash) {
        return mac("machi-audit-seal-v1:entry:" + hash);
    }

    /** The seal of a checkpoint (number, count and hash of the entry it anchors). */
    public String checkpoint(long entryId, long entryCount, String entryHash) {
        return mac("machi-audit-seal-v1:checkpoint:" + entryId + ":" + entryCount + ":" + entryHash);
    }

    /** Compares in constant time; a missing seal never matches. */
    public static boolean matches(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
            actual.strip().getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", e);
        }
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[MIN_KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.write(file, Base64.getEncoder().encode(fresh), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException ignored) {
                        // not a POSIX file system: the directory's permissions have to do
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another instance created it first: use theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit seal key " + file, e);
        }
    }
}
