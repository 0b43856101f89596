package jp.machi.facility.internal;

import jp.machi.shared.text.LocalizedText;

/** One entry of the ward-editable category taxonomy. */
public record Category(String code, String nameJa, String nameEn, int sortOrder) {

    public LocalizedText name() {
        return new LocalizedText(nameJa, nameEn);
    }
}
