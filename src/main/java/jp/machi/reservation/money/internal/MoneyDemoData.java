package jp.machi.reservation.money.internal;

import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Demo mode: example reduction categories (減免区分). Idempotent: nothing is changed once any category exists. */
@Component
class MoneyDemoData extends DemoData {

    private final ReductionCategoryRepository repository;
    private final TransactionTemplate tx;

    MoneyDemoData(DemoMode demo, ReductionCategoryRepository repository, TransactionTemplate tx) {
        super(demo);
        this.repository = repository;
        this.tx = tx;
    }

    @Override
    protected void seed() {
        if (repository.any()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            repository.insert("disability", "障害者団体", "Group of people with disabilities", 100, 10, true);
            repository.insert("neighbourhood", "町会・自治会", "Neighbourhood association", 50, 20, true);
            repository.insert("school", "学校・PTA", "School or PTA", 50, 30, true);
            repository.insert("children", "子ども会・青少年団体", "Children's or youth group", 50, 40, true);
            repository.insert("seniors", "高齢者クラブ", "Seniors' club", 30, 50, true);
        });
    }
}
