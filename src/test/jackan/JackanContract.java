// SPDX-License-Identifier: AGPL-3.0-or-later
// A CKAN client, unchanged, against Machi: Jackan 0.4.2 (eu.trentorise.opendata:jackan, Maven Central).
// Not compiled with the project: OpenDataJackanTest runs it with the Java source launcher in a JVM of its own, on a
// class path of Jackan and its old Jackson 2.6 / Guava 15 (copied to target/jackan by the build), so those never meet
// the application's libraries. Prints one "OK ..." line per step and exits non-zero on the first failure.
import eu.trentorise.opendata.jackan.CkanClient;
import eu.trentorise.opendata.jackan.CkanQuery;
import eu.trentorise.opendata.jackan.SearchResults;
import eu.trentorise.opendata.jackan.exceptions.CkanNotFoundException;
import eu.trentorise.opendata.jackan.model.CkanDataset;
import eu.trentorise.opendata.jackan.model.CkanResource;
import java.io.InputStream;
import java.net.URL;
import java.util.List;

public class JackanContract {

    public static void main(String[] args) throws Exception {
        String site = args[0];
        // the test application's MACHI_BASE_URL has no port: resource URLs are fetched at the test's port instead
        String advertised = args.length > 1 ? args[1] : site;
        CkanClient ckan = new CkanClient(site);
        check(ckan.getApiVersion() == 3, "api version " + ckan.getApiVersion());

        List<String> names = ckan.getDatasetList();
        check(names.contains("aed") && names.contains("evacuation-space"), "dataset list " + names.size());

        CkanDataset aed = ckan.getDataset("aed");
        check("AED設置箇所一覧".equals(aed.getTitle()), "dataset " + aed.getName() + " " + aed.getTitle());
        check(aed.getMetadataModified() != null, "metadata_modified " + aed.getMetadataModified());
        check(aed.getResources().size() == 3, "resources " + aed.getResources().size());

        SearchResults<CkanDataset> byTag = ckan.searchDatasets(CkanQuery.filter().byTagNames("防災"), 10, 0);
        check(byTag.getResults().stream().anyMatch(d -> d.getName().equals("evacuation-space")),
            "search by tag 防災: " + byTag.getCount());
        SearchResults<CkanDataset> byText = ckan.searchDatasets("AED", 10, 0);
        check(byText.getCount() >= 1 && byText.getResults().get(0).getName().equals("aed"), "search AED: " + byText.getCount());
        SearchResults<CkanDataset> byOrg = ckan.searchDatasets(CkanQuery.filter().byOrganizationName("bosai-keikaku")
            .byLicenseId("CC-BY-4.0"), 10, 0);
        check(byOrg.getCount() >= 1, "search by organization and licence: " + byOrg.getCount());

        check(ckan.getOrganizationList().size() >= 1, "organizations " + ckan.getOrganizationList().size());
        check(ckan.getOrganization("bosai-keikaku").getName().equals("bosai-keikaku"), "organization bosai-keikaku");
        check(ckan.getGroupList().size() == 17, "groups " + ckan.getGroupList().size());
        check(ckan.getGroup("population").getName().equals("population"), "group population");
        check(ckan.getLicenseList().stream().anyMatch(l -> l.getId().equals("PDL-1.0")), "licences");
        check(ckan.getTagNamesList().contains("防災"), "tags");
        check(ckan.getFormats().contains("CSV"), "formats " + ckan.getFormats());

        CkanResource csv = aed.getResources().get(0);
        CkanResource again = ckan.getResource(csv.getId());
        check(again.getUrl().equals(csv.getUrl()) && "CSV".equals(again.getFormat()), "resource " + again.getUrl());
        String url = again.getUrl().replace(advertised, site);
        try (InputStream in = new URL(url).openStream()) {
            byte[] b = in.readAllBytes();
            String text = new String(b, 3, b.length - 3, java.nio.charset.StandardCharsets.UTF_8);
            check(text.startsWith("全国地方公共団体コード,ID,"), "download " + b.length + " bytes");
        }

        try {
            ckan.getDataset("no-such-dataset");
            check(false, "an unknown dataset raised nothing");
        } catch (CkanNotFoundException e) {
            System.out.println("OK not found: " + e.getClass().getSimpleName());
        }
        System.out.println("JACKAN CONTRACT PASSED");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("FAILED " + what);
            System.exit(1);
        }
        System.out.println("OK " + what);
    }
}
