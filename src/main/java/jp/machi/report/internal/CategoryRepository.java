package jp.machi.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Categories with their attributes and list values. */
@Repository
public class CategoryRepository {

    private final JdbcClient jdbc;

    public CategoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Category> all(boolean activeOnly) {
        List<Category> bare = jdbc.sql("select * from report_category" + (activeOnly ? " where active" : "")
                + " order by sort_order, code")
            .query((rs, n) -> new Category(rs.getString("code"), rs.getString("name_ja"), rs.getString("name_en"),
                rs.getString("description_ja"), rs.getString("description_en"), rs.getString("group_ja"),
                rs.getString("group_en"), rs.getString("keywords"), rs.getString("department_code"),
                rs.getInt("target_working_days"), rs.getBoolean("publish_requires_approval"), rs.getBoolean("active"),
                rs.getInt("sort_order"), List.of()))
            .list();
        Map<String, List<Category.Value>> values = new LinkedHashMap<>();
        jdbc.sql("select * from report_category_attribute_value order by sort_order, key").query(rs -> {
            values.computeIfAbsent(rs.getString("category_code") + "/" + rs.getString("attribute_code"), k -> new ArrayList<>())
                .add(new Category.Value(rs.getString("key"), rs.getString("name_ja"), rs.getString("name_en")));
        });
        Map<String, List<Category.Attribute>> attributes = new LinkedHashMap<>();
        jdbc.sql("select * from report_category_attribute order by sort_order, code").query(rs -> {
            String cat = rs.getString("category_code");
            String code = rs.getString("code");
            attributes.computeIfAbsent(cat, k -> new ArrayList<>()).add(new Category.Attribute(code,
                rs.getString("datatype"), rs.getBoolean("required"), rs.getBoolean("variable"), rs.getInt("sort_order"),
                rs.getString("description_ja"), rs.getString("description_en"),
                List.copyOf(values.getOrDefault(cat + "/" + code, List.of()))));
        });
        return bare.stream().map(c -> new Category(c.code(), c.nameJa(), c.nameEn(), c.descriptionJa(), c.descriptionEn(),
            c.groupJa(), c.groupEn(), c.keywords(), c.departmentCode(), c.targetWorkingDays(),
            c.publishRequiresApproval(), c.active(), c.sortOrder(), List.copyOf(attributes.getOrDefault(c.code(), List.of()))))
            .toList();
    }

    public Optional<Category> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return all(false).stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public boolean exists(String code) {
        return jdbc.sql("select count(*) from report_category where code = ?").param(code).query(Long.class).single() > 0;
    }

    /** Inserts a category with its attributes (used for the demo categories; ward staff edit them later). */
    public void insert(Category c) {
        jdbc.sql("""
                insert into report_category (code, name_ja, name_en, description_ja, description_en, group_ja, group_en,
                  keywords, department_code, target_working_days, publish_requires_approval, active, sort_order)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(c.code(), c.nameJa(), c.nameEn(), c.descriptionJa(), c.descriptionEn(), c.groupJa(), c.groupEn(),
                c.keywords(), c.departmentCode(), c.targetWorkingDays(), c.publishRequiresApproval(), c.active(), c.sortOrder())
            .update();
        for (Category.Attribute a : c.attributes()) {
            jdbc.sql("""
                    insert into report_category_attribute (category_code, code, datatype, required, variable, sort_order,
                      description_ja, description_en) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.code(), a.code(), a.datatype(), a.required(), a.variable(), a.order(), a.descriptionJa(),
                    a.descriptionEn())
                .update();
            int i = 0;
            for (Category.Value v : a.values()) {
                jdbc.sql("""
                        insert into report_category_attribute_value (category_code, attribute_code, key, name_ja, name_en,
                          sort_order) values (?, ?, ?, ?, ?, ?)""")
                    .params(c.code(), a.code(), v.key(), v.nameJa(), v.nameEn(), i++)
                    .update();
            }
        }
    }
}
