// Load ontology files the way Protégé does (OWL API 5, the one parser the file's format needs,
// imports resolved through catalog-v001.xml beside each file, no network) and check them against
// the OWL 2 DL profile. Anything the parser had to guess (an undeclared entity) or could not turn
// into an axiom (an unparsed triple) is a failure, so the check is strict without the OWL API's
// own setStrict(true): in OWL API 5.1.20 that mode leaves every owl:Restriction that is not also
// typed owl:Class unparsed, which the OWL 2 RDF mapping does not require and Protégé does not do.
// Usage: java OwlApiCheck FILE...   Prints one line per file; exit 0 when every file is clean.

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.FunctionalSyntaxDocumentFormat;
import org.semanticweb.owlapi.formats.OWLXMLDocumentFormat;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.OWLOntologyLoaderMetaData;
import org.semanticweb.owlapi.io.RDFParserMetaData;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.util.SimpleIRIMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public final class OwlApiCheck {
    private OwlApiCheck() {}

    static OWLDocumentFormat formatFor(File file) {
        String name = file.getName().toLowerCase();
        if (name.endsWith(".ttl")) return new TurtleDocumentFormat();
        if (name.endsWith(".owl") || name.endsWith(".rdf")) return new RDFXMLDocumentFormat();
        if (name.endsWith(".owx")) return new OWLXMLDocumentFormat();
        if (name.endsWith(".ofn")) return new FunctionalSyntaxDocumentFormat();
        throw new IllegalArgumentException("unknown ontology file suffix: " + file);
    }

    /** Map every <uri name=... uri=...> of the catalog beside the file to a local document. */
    static void addCatalog(OWLOntologyManager manager, File file) throws Exception {
        File catalog = new File(file.getAbsoluteFile().getParentFile(), "catalog-v001.xml");
        if (!catalog.isFile()) return;
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList entries = factory.newDocumentBuilder().parse(catalog).getElementsByTagNameNS("*", "uri");
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            File target = new File(catalog.getParentFile(), entry.getAttribute("uri"));
            if (!target.isFile()) throw new IllegalStateException(catalog + ": entry points at missing " + target);
            manager.getIRIMappers().add(new SimpleIRIMapper(IRI.create(entry.getAttribute("name")),
                                                            IRI.create(target.getCanonicalFile())));
        }
    }

    static List<String> check(File file) throws Exception {
        List<String> problems = new ArrayList<>();
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        addCatalog(manager, file);
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
            .setStrict(false)
            .setReportStackTraces(false)
            .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION);
        OWLDocumentFormat expected = formatFor(file);
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(
            new FileDocumentSource(file, expected), config);
        OWLDocumentFormat actual = manager.getOntologyFormat(ontology);
        if (actual == null || !actual.getClass().equals(expected.getClass())) {
            problems.add("parsed as " + actual + " instead of " + expected.getKey());
        }
        for (OWLOntology loaded : ontology.importsClosure().toArray(OWLOntology[]::new)) {
            OWLDocumentFormat format = manager.getOntologyFormat(loaded);
            if (format == null) continue;
            OWLOntologyLoaderMetaData meta = format.getOntologyLoaderMetaData().orElse(null);
            if (meta instanceof RDFParserMetaData rdf) {
                rdf.getUnparsedTriples().forEach(t -> problems.add("unparsed triple: " + t));
                rdf.getGuessedDeclarations().entries().forEach(
                    e -> problems.add("guessed declaration: " + e.getKey() + " as " + e.getValue().getSimpleName()));
            }
        }
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation violation : report.getViolations()) {
            problems.add("OWL 2 DL violation: " + violation.toString().replace('\n', ' '));
        }
        long axioms = ontology.importsClosure().mapToLong(OWLOntology::getAxiomCount).sum();
        long imports = ontology.importsClosure().count() - 1;
        if (problems.isEmpty()) {
            System.out.println("OK " + file + " axioms=" + axioms + " imports=" + imports
                               + " format=" + actual.getKey());
        }
        return problems;
    }

    public static void main(String[] args) {
        // Any attempt to reach the network fails at once: imports must come from the catalog.
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", "9");
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", "9");
        int failures = 0;
        for (String arg : args) {
            File file = new File(arg);
            List<String> problems;
            try {
                problems = check(file);
            } catch (Exception e) {
                problems = List.of("load failed: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
            for (String problem : problems) {
                System.out.println("FAIL " + file + ": " + problem);
            }
            if (!problems.isEmpty()) failures++;
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
