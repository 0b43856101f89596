-- notification (issue 12, the emergency lane's rate): no query finds deliveries by their subscription (erasure and
-- export go by account and address, the dashboard and the API by notice), yet every delivery row wrote this index
-- three times (its insert, the claim and the outcome, each a non-HOT update because status is in the partial
-- indexes' predicates). Dropped: PostgreSQL's share of a 100,000-recipient send is index upkeep.
drop index if exists notification_delivery_subscription_idx;
