package jp.machi.opendata.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.machi.opendata.Column;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.Identifier;
import jp.machi.shared.text.LocalizedText;

/**
 * A declared layout that staff upload files in: the columns in order, what each must hold, and the checks across a
 * row. Files are matched by column name (any order, after NFKC), checked row by row and stored in this order.
 */
public record Layout(String code, LocalizedText title, String standardNumber, LocalizedText source,
                     DataCategory category, List<Field> fields, List<SumRule> sums) {

    /** What a cell must hold. */
    public enum Type { TEXT, LOCAL_GOVERNMENT_CODE, CODE, DATE, COUNT, AMOUNT, YEAR }

    public record Field(Column column, Type type, boolean required) {
        public String header() {
            return column.header();
        }
    }

    /** {@code total} must equal the sum of {@code parts} when all are given. */
    public record SumRule(String total, List<String> parts) {}

    public List<Column> columns() {
        return fields.stream().map(Field::column).toList();
    }

    public List<String> header() {
        return fields.stream().map(Field::header).toList();
    }

    /** The layouts staff may upload in. */
    public static final List<Layout> ALL = List.of(population(), budget());

    public static Optional<Layout> byCode(String code) {
        return ALL.stream().filter(l -> l.code.equals(code)).findFirst();
    }

    /**
     * 地域・年齢別人口: the 推奨データセット layout of early 2021 (docs reference §2.6), the one published files still
     * use; the Digital Agency's current sheet 04 has not been transcribed yet.
     */
    static Layout population() {
        List<Field> f = new ArrayList<>();
        f.add(new Field(Column.id("都道府県コード又は市区町村コード", "localGovernmentCode", Identifier.LOCAL_GOVERNMENT_CODE),
            Type.LOCAL_GOVERNMENT_CODE, false));
        f.add(new Field(Column.id("地域コード", "areaCode", Identifier.TOWN_CODE), Type.CODE, false));
        f.add(new Field(Column.of("都道府県名", "prefecture"), Type.TEXT, false));
        f.add(new Field(Column.of("市区町村名", "city"), Type.TEXT, false));
        f.add(new Field(Column.of("調査年月日", "surveyDate"), Type.DATE, true));
        f.add(new Field(Column.of("地域名", "areaName"), Type.TEXT, true));
        f.add(new Field(Column.of("総人口", "total"), Type.COUNT, true));
        f.add(new Field(Column.of("男性", "male"), Type.COUNT, true));
        f.add(new Field(Column.of("女性", "female"), Type.COUNT, true));
        for (int age = 0; age <= 85; age += 5) {
            String band = age == 85 ? "85歳以上" : age + "-" + (age + 4) + "歳";
            String key = age == 85 ? "85plus" : age + "to" + (age + 4);
            f.add(new Field(Column.of(band + "の男性", "male" + key), Type.COUNT, true));
            f.add(new Field(Column.of(band + "の女性", "female" + key), Type.COUNT, true));
        }
        f.add(new Field(Column.of("世帯数", "households"), Type.COUNT, false));
        f.add(new Field(Column.of("備考", "remarks"), Type.TEXT, false));
        List<String> male = new ArrayList<>();
        List<String> female = new ArrayList<>();
        for (Field x : f) {
            if (x.header().endsWith("歳の男性") || x.header().equals("85歳以上の男性")) {
                male.add(x.header());
            } else if (x.header().endsWith("歳の女性") || x.header().equals("85歳以上の女性")) {
                female.add(x.header());
            }
        }
        return new Layout("population-by-area-and-age",
            new LocalizedText("地域・年齢別人口", "Population by area and age"), "04",
            new LocalizedText("推奨データセット（2021年）の項目定義", "the 2021 推奨データセット item definitions"),
            DataCategory.POPULATION, List.copyOf(f),
            List.of(new SumRule("総人口", List.of("男性", "女性")), new SumRule("男性", male), new SumRule("女性", female)));
    }

    /** 予算: no national layout exists; this is Machi's own (one row per 款 and 項 of an account). */
    static Layout budget() {
        List<Field> f = List.of(
            new Field(Column.id("全国地方公共団体コード", "localGovernmentCode", Identifier.LOCAL_GOVERNMENT_CODE),
                Type.LOCAL_GOVERNMENT_CODE, true),
            new Field(Column.of("地方公共団体名", "localGovernmentName"), Type.TEXT, false),
            new Field(Column.of("年度", "fiscalYear"), Type.YEAR, true),
            new Field(Column.of("会計", "account"), Type.TEXT, true),
            new Field(Column.of("款", "section"), Type.TEXT, true),
            new Field(Column.of("項", "item"), Type.TEXT, false),
            new Field(Column.of("予算額（千円）", "amountThousandYen"), Type.AMOUNT, true),
            new Field(Column.of("備考", "remarks"), Type.TEXT, false));
        return new Layout("budget", new LocalizedText("予算（款・項別）", "Budget by section and item"), null,
            new LocalizedText("Machi独自の様式（国の標準様式はありません）", "Machi's own layout (there is no national one)"),
            DataCategory.ADMINISTRATION, f, List.of());
    }
}
