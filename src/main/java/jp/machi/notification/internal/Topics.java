package jp.machi.notification.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_topic} table: topics the ward edits. */
@Repository
public class Topics {

    private final JdbcClient jdbc;

    Topics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "code, name_ja, name_en, description_ja, description_en, position, active";

    private static Topic map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Topic(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
            rs.getBoolean(7));
    }

    /** Every topic (inactive ones too), in their order. */
    public List<Topic> all() {
        return jdbc.sql("select " + COLUMNS + " from notification_topic order by position, code").query(Topics::map).list();
    }

    /** The topics residents may subscribe to now. */
    public List<Topic> active() {
        return all().stream().filter(Topic::active).toList();
    }

    public Optional<Topic> find(String code) {
        if (code == null || code.length() > 40) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from notification_topic where code = ?").param(code).query(Topics::map).optional();
    }

    public boolean exists(String code) {
        return find(code).isPresent();
    }

    /** Adds a topic; false when the code is taken. */
    public boolean add(Topic t) {
        return jdbc.sql("""
                insert into notification_topic (code, name_ja, name_en, description_ja, description_en, position, active)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing""")
            .params(t.code(), t.nameJa(), t.nameEn(), t.descriptionJa(), t.descriptionEn(), t.position(), t.active())
            .update() == 1;
    }

    public void update(Topic t) {
        jdbc.sql("""
                update notification_topic set name_ja = ?, name_en = ?, description_ja = ?, description_en = ?, position = ?,
                    active = ? where code = ?""")
            .params(t.nameJa(), t.nameEn(), t.descriptionJa(), t.descriptionEn(), t.position(), t.active(), t.code())
            .update();
    }
}
