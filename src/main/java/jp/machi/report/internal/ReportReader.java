package jp.machi.report.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the report module's pages and APIs read: categories, reports, their answers, photos and updates. The
 * controllers talk to this and to {@link ReportService} (which changes things), never to the repositories.
 */
@Service
@Transactional(readOnly = true)
public class ReportReader {

    private final ReportRepository reports;
    private final CategoryRepository categories;

    ReportReader(ReportRepository reports, CategoryRepository categories) {
        this.reports = reports;
        this.categories = categories;
    }

    /** Categories in their order; only those residents may choose when {@code activeOnly}. */
    public List<Category> categories(boolean activeOnly) {
        return categories.all(activeOnly);
    }

    /** Every category (also inactive ones) by code, in order. */
    public Map<String, Category> categoryNames() {
        Map<String, Category> out = new LinkedHashMap<>();
        categories.all(false).forEach(c -> out.put(c.code(), c));
        return out;
    }

    public Optional<Category> category(String code) {
        return code == null ? Optional.empty() : categories.find(code);
    }

    /** A category residents may report in now. */
    public Optional<Category> activeCategory(String code) {
        return category(code).filter(Category::active);
    }

    public Optional<Report> report(long id) {
        return reports.find(id);
    }

    public Optional<Report> byToken(String token) {
        return reports.findByToken(token);
    }

    public List<Report> search(ReportQuery query) {
        return reports.search(query);
    }

    public Map<String, List<String>> answers(long id) {
        return reports.answers(id);
    }

    public List<ReportPhoto> photos(long id) {
        return reports.photos(id);
    }

    public Map<Long, List<ReportPhoto>> photos(Collection<Long> ids) {
        return reports.photos(ids);
    }

    public Optional<byte[]> photoBytes(long id, int ordinal, boolean thumbnail) {
        return reports.photoBytes(id, ordinal, thumbnail);
    }

    public List<ReportUpdate> updates(long id, boolean publicOnly) {
        return reports.updates(id, publicOnly);
    }

    public List<ReportRepository.ResponseTemplate> templates(String departmentCode) {
        return reports.templates(departmentCode);
    }

    public int followerCount(long id) {
        return reports.followers(id).size();
    }
}
