package jp.machi.reservation.groups;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.reservation.groups.internal.BlockRules;
import jp.machi.reservation.groups.internal.EligibilityCheck;
import jp.machi.reservation.groups.internal.GroupService;
import org.springframework.stereotype.Service;

/** Groups, who may book and blocks, as other parts read them (the lottery's applicants, the legacy import, utilisation). */
@Service
public class Groups {

    private final GroupService groups;
    private final EligibilityCheck eligibility;
    private final BlockRules blocks;

    Groups(GroupService groups, EligibilityCheck eligibility, BlockRules blocks) {
        this.groups = groups;
        this.eligibility = eligibility;
        this.blocks = blocks;
    }

    /** Active blocks (maintenance, 行政使用) of the facility touching the days from {@code from} to {@code to}. */
    public List<Block> blocks(String facilityId, java.time.LocalDate from, java.time.LocalDate to) {
        return blocks.active(facilityId, from, to);
    }

    /** A token that changes whenever a block is added or removed (for caches of figures that count blocks). */
    public String blocksChangeToken() {
        return blocks.changeToken();
    }

    public Optional<Group> find(long id) {
        return groups.find(id);
    }

    /** The group the person represents (in any state), if any: they book, apply, renew and withdraw for it. */
    public Optional<Group> representedBy(long accountId) {
        return groups.representedBy(accountId);
    }

    /** Approved groups among {@code groupIds} → their representative's account. */
    public Map<Long, Long> representatives(List<Long> groupIds) {
        return groups.representatives(groupIds);
    }

    /** Who may book the room: the most specific rule (room, facility, ward), everybody without one. */
    public Eligibility whoMayBook(long roomId, String facilityId) {
        return eligibility.forRoom(roomId, facilityId);
    }
}
