package jp.machi.facility;

import jp.machi.shared.text.LocalizedText;

/** One entry of the ward's facility category taxonomy (区民館, 体育館 …) as other modules see it. */
public record FacilityCategory(String code, LocalizedText name) {}
