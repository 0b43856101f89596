package jp.machi.identity.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The identity module's form records; messages come from messages/identity*.properties. */
final class Forms {

    private Forms() {}

    static final String KANA = "^[\\p{InKatakana}\\p{InHiragana}ー・　 ]*$";

    record RegisterForm(
        @NotBlank(message = "{identity.email.required}") @Size(max = 254, message = "{identity.email.size}")
        @Email(message = "{identity.email.invalid}") String email,
        @NotBlank(message = "{identity.password.required}") @Size(min = 10, max = 128, message = "{identity.password.size}")
        String password,
        @NotBlank(message = "{identity.name.required}") @Size(max = 100, message = "{identity.name.size}") String displayName,
        @Size(max = 100, message = "{identity.kana.size}") @Pattern(regexp = KANA, message = "{identity.kana.invalid}")
        String nameKana,
        @Size(max = 100, message = "{identity.district.invalid}") String district,
        @Pattern(regexp = "ja|en", message = "{identity.language.invalid}") String language) {

        static RegisterForm empty(String language) {
            return new RegisterForm("", "", "", "", "", language);
        }

        @AssertTrue(message = "{identity.password.sameAsEmail}")
        boolean isPasswordNotEmail() {
            return password == null || email == null || !password.equalsIgnoreCase(email.trim());
        }
    }

    record EmailForm(
        @NotBlank(message = "{identity.email.required}") @Size(max = 254, message = "{identity.email.size}")
        @Email(message = "{identity.email.invalid}") String email) {}

    record ResetForm(
        @NotBlank String token,
        @NotBlank(message = "{identity.password.required}") @Size(min = 10, max = 128, message = "{identity.password.size}")
        String password) {}

    record CodeForm(
        @NotBlank(message = "{identity.code.required}") @Size(max = 32, message = "{identity.code.invalid}") String code) {}

    record ProfileForm(
        @NotBlank(message = "{identity.name.required}") @Size(max = 100, message = "{identity.name.size}") String displayName,
        @Size(max = 100, message = "{identity.kana.size}") @Pattern(regexp = KANA, message = "{identity.kana.invalid}")
        String nameKana,
        @Size(max = 100, message = "{identity.district.invalid}") String district,
        @NotBlank(message = "{identity.language.invalid}") @Pattern(regexp = "ja|en", message = "{identity.language.invalid}")
        String language,
        @Size(max = 254, message = "{identity.email.size}") @Email(message = "{identity.email.invalid}") String contactEmail) {}

    record PasswordChangeForm(
        @NotBlank(message = "{identity.password.current.required}") @Size(max = 128) String currentPassword,
        @NotBlank(message = "{identity.password.required}") @Size(min = 10, max = 128, message = "{identity.password.size}")
        String newPassword) {}

    /**
     * A new API token: its name, its scopes ({@link jp.machi.shared.security.TokenScope} names) and for how many days
     * it works (empty: no end, residents only).
     */
    record TokenForm(
        @NotBlank(message = "{identity.token.name.required}") @Size(max = 100, message = "{identity.token.name.size}")
        String name,
        java.util.List<String> scopes,
        @jakarta.validation.constraints.Pattern(regexp = "|7|30|90|365", message = "{identity.token.days.invalid}")
        String days) {}

    record DeleteForm(
        @NotBlank(message = "{identity.password.current.required}") @Size(max = 128) String password,
        @jakarta.validation.constraints.NotNull(message = "{identity.delete.confirm.required}")
        @AssertTrue(message = "{identity.delete.confirm.required}") Boolean confirm) {}
}
