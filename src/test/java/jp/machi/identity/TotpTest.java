package jp.machi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import jp.machi.identity.internal.Totp;
import jp.machi.ward.LocalGovernmentCode;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (Base32 below); the last 6 of the 8 digits. */
    static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void matchesTheRfc6238TestVectors() {
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
    }

    @Test
    void acceptsOneStepOfDriftAndNothingElse() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step + 3), now)).isEmpty();
        assertThat(Totp.verify(RFC_SECRET, "abcdef", now)).isEmpty();
        assertThat(Totp.verify(RFC_SECRET, null, now)).isEmpty();
    }

    @Test
    void localGovernmentCodesCarryACheckDigit() {
        assertThat(LocalGovernmentCode.isValid("131202")).isTrue();
        assertThat(LocalGovernmentCode.isValid("131156")).isTrue();
        assertThat(LocalGovernmentCode.isValid("131203")).isFalse();
        assertThat(LocalGovernmentCode.isValid("13120")).isFalse();
    }
}
