package jp.machi.reservation.rules;

/** The fees of one slot where a rule prices its slots differently (午前・午後・夜間): yen per rate class. */
public record SlotFee(int resident, int nonResident, int commercial) {}
