package jp.machi.reservation;

import java.net.URI;
import java.util.Optional;

/**
 * The port for paying booking fees online. <strong>No implementation ships</strong>: fees are paid at the
 * facility's counter, where staff mark the booking paid (the real path). A payment provider's adapter (its own
 * module) would implement this interface as a Spring bean; the reservation pages would then offer 「オンラインで支払う」
 * next to the counter note. Nothing in Machi fakes a provider.
 *
 * <p>The contract an adapter must keep:
 * <ol>
 *   <li>{@link #start} is called for one active, unpaid booking with the amount due (the fee after an approved
 *       reduction) in yen. It creates the payment at the provider and answers where to send the resident (the
 *       provider's page). It must be idempotent per {@code bookingId}: starting twice gives the same payment.</li>
 *   <li>The provider tells the adapter (its webhook, verified by the adapter with the provider's signature) that
 *       the payment succeeded. The adapter then calls {@link Settlement#paid}, which marks the booking paid
 *       exactly as the counter does (one entry; a cancelled booking is not revived — the adapter must refund).</li>
 *   <li>Refunds after a cancellation follow the refund tiers; the amount is on the cancelled booking
 *       ({@code refund}); the adapter pays it back through the provider.</li>
 * </ol>
 */
public interface OnlinePayment {

    /** The provider's name as shown to residents (e.g. a card brand or a payment service). */
    String displayName();

    /**
     * Starts (or finds again) the payment of {@code amountYen} for the booking; empty when the provider cannot take
     * it now (the resident pays at the counter as usual).
     */
    Optional<URI> start(long bookingId, int amountYen, String returnUrl);

    /** What the adapter calls back into the reservation module when the provider confirms a payment. */
    interface Settlement {

        /** Marks the booking paid; false when it is no longer active or already paid. */
        boolean paid(long bookingId, int amountYen, String providerReference);
    }
}
