package jp.machi.ward;

/**
 * 全国地方公共団体コード: five digits and a check digit. The check digit is 11 minus the remainder of the
 * weighted sum (weights 6,5,4,3,2) divided by 11, taken modulo 10 (総務省 「全国地方公共団体コード」).
 */
public final class LocalGovernmentCode {

    private LocalGovernmentCode() {}

    public static boolean isValid(String code) {
        if (code == null || !code.matches("\\d{6}")) {
            return false;
        }
        return checkDigit(code.substring(0, 5)) == code.charAt(5) - '0';
    }

    public static int checkDigit(String fiveDigits) {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (fiveDigits.charAt(i) - '0') * (6 - i);
        }
        int remainder = sum % 11;
        return (11 - remainder) % 10;
    }
}
