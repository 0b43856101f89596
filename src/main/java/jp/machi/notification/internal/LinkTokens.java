package jp.machi.notification.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The opaque tokens in unsubscribe, preference and "stop this kind of notice" links: the record's id and purpose
 * with an HMAC-SHA-256 (128 bits, base64url), compared in constant time. Nothing to store per link; a token cannot
 * be guessed or moved to another subscription. The key is {@code machi.notification.secret}, or one made at the
 * first start and kept in {@code notification_secret} (so links in old mails keep working after a restart).
 *
 * <p>Token forms: {@code <id>.<purpose>.<mac>}; purpose is {@code m} (manage), {@code u-<topic>} (unsubscribe
 * from one topic), {@code u} (leave a list or everything), or for personal notices {@code p-<type>} with the
 * address in the MAC.
 */
@Component
public class LinkTokens {

    private static final Pattern TOKEN = Pattern.compile("([0-9]{1,18})\\.([a-z0-9.-]{1,70})\\.([A-Za-z0-9_-]{22})");

    private final byte[] key;
    /** One initialised MAC per thread: the delivery workers make two tokens per message. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @org.springframework.beans.factory.annotation.Autowired
    LinkTokens(JdbcClient jdbc, NotificationSettings settings) {
        this(loadKey(jdbc, settings));
    }

    LinkTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("machi.notification.secret must be at least 32 bytes (base64)");
        }
        this.key = key.clone();
    }

    private static byte[] loadKey(JdbcClient jdbc, NotificationSettings settings) {
        if (!settings.secret().isEmpty()) {
            return Base64.getDecoder().decode(settings.secret());
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into notification_secret (id, secret) values (1, ?) on conflict (id) do nothing").param(fresh).update();
        return jdbc.sql("select secret from notification_secret where id = 1").query(byte[].class).single();
    }

    /** A token for a record and purpose. */
    public String token(long id, String purpose) {
        return id + "." + purpose + "." + mac(id + "." + purpose);
    }

    /** A token bound to an address too (personal notices to people without an account). */
    public String token(long id, String purpose, String email) {
        return id + "." + purpose + "." + mac(id + "." + purpose + "." + email);
    }

    /** The id and purpose of a valid token, or empty. */
    public Optional<Parsed> parse(String token) {
        return parse(token, null);
    }

    public Optional<Parsed> parse(String token, String email) {
        if (token == null || token.length() > 120) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String data = m.group(1) + "." + m.group(2) + (email == null ? "" : "." + email);
        byte[] expected = mac(data).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(Long.parseLong(m.group(1)), m.group(2)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String mac(String data) {
        byte[] full = macs.get().doFinal(data.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 16));
    }

    /** A random one-time token (confirmation links) and its SHA-256 for storage. */
    public static String randomToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Parsed(long id, String purpose) {}
}
