package jp.machi.reservation.booking;

import java.time.LocalDate;
import jp.machi.reservation.money.Fee;
import jp.machi.reservation.rules.Slot;

/**
 * A booking decided elsewhere that the core writes without asking its checks again: a lottery win (PROVISIONAL until the
 * winner confirms) or a booking imported from a legacy system (CONFIRMED). The database still keeps each unit single.
 *
 * @param bookerId       the booker's account, null for an imported booking nobody claimed yet
 * @param legacyBookerId the imported booker, for an imported booking
 * @param legacyRef      the legacy system's booking id, for an imported booking
 */
public record NewBooking(long roomId, String facilityId, LocalDate date, Slot slot, Long bookerId, Fee fee, String key,
                         Long groupId, Long legacyBookerId, String legacyRef) {}
