package jp.machi.facility.internal.opendata;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import jp.machi.shared.csv.CsvWriter;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The standard CSVs in the current Digital Agency layout: UTF-8 with BOM, CRLF, RFC 4180 quoting ({@link CsvWriter}). Every column is
 * written from what {@link Columns} says it means; columns Machi holds no value for are empty.
 */
@Service
public class OpenDataExport {

    private final OpenDataRepository repository;
    private final WardProfile ward;

    OpenDataExport(OpenDataRepository repository, WardProfile ward) {
        this.repository = repository;
        this.ward = ward;
    }

    /** Writes the file to a stream, row by row ({@link CsvWriter}: BOM, CRLF, one formula-injection rule). */
    @Transactional(readOnly = true)
    public void export(Dataset dataset, OutputStream out) {
        try (CsvWriter csv = CsvWriter.to(out)) {
            csv.row(dataset.currentHeader());
            for (OpenDataRepository.Snapshot s : repository.all()) {
                if (includes(dataset, s)) {
                    csv.row(row(dataset, s));
                }
            }
        }
    }

    /** The rows of the dataset in the current layout's column order, at most {@code limit} (the open data portal). */
    @Transactional(readOnly = true)
    public void rows(Dataset dataset, int limit, java.util.function.Consumer<List<String>> sink) {
        int n = 0;
        for (OpenDataRepository.Snapshot s : repository.all()) {
            if (n >= limit) {
                return;
            }
            if (includes(dataset, s)) {
                sink.accept(row(dataset, s));
                n++;
            }
        }
    }

    static boolean includes(Dataset dataset, OpenDataRepository.Snapshot s) {
        return switch (dataset) {
            case PUBLIC_FACILITIES -> true;
            case AED -> s.aed();
            case WIFI -> s.wifi();
            case EMERGENCY_SITES -> s.categories().contains("emergency-site");
        };
    }

    private List<String> row(Dataset dataset, OpenDataRepository.Snapshot s) {
        String prefecture = ward.prefecture().ja();
        String city = ward.name().ja();
        String address = s.value(Field.ADDRESS);
        String[] hours = s.value(Field.WEEKLY_HOURS) == null ? new String[] {"", "", ""} : s.value(Field.WEEKLY_HOURS).split("\\|");
        List<String> cells = new ArrayList<>();
        for (String header : dataset.currentHeader()) {
            Columns.Spec spec = Columns.spec(dataset, header);
            cells.add(switch (spec.kind()) {
                case WARD_CODE, LOCATION_CODE -> ward.code();
                case KEY -> s.id();
                case WARD_NAME -> prefecture + city;
                case PREFECTURE_NAME -> prefecture;
                case CITY_NAME -> city;
                case ADDRESS_PREFECTURE -> address != null && address.startsWith(prefecture) ? prefecture : "";
                case ADDRESS_CITY -> address != null && address.startsWith(prefecture + city) ? city : "";
                case DAYS -> hours[0];
                case START -> hours[1];
                case END -> hours[2];
                case FIELD -> Values.display(spec.field0(), s.value(spec.field0()));
                default -> "";
            });
        }
        return cells;
    }
}
