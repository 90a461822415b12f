"""Stage 1, load: RDF files into an rdflib graph (exact engine, ontology, shapes) or an Oxigraph store
(scale engine), each file parsed once, bad input refused with ``path:line:column: what is wrong``."""

from bpo_kg.errors import InputError
from bpo_kg.load.files import FORMAT_BY_SUFFIX, base_iri, expand_paths, read_text, resolve_format
from bpo_kg.load.loaded import LoadedData, Vocabulary
from bpo_kg.load.oxigraph_parse import load_data_store, parse_into_store
from bpo_kg.load.rdflib_parse import load_data, load_graph, load_ontology, load_shapes, merge_into, parse_file

__all__ = [
    "FORMAT_BY_SUFFIX",
    "InputError",
    "LoadedData",
    "Vocabulary",
    "base_iri",
    "expand_paths",
    "load_data",
    "load_data_store",
    "load_graph",
    "load_ontology",
    "load_shapes",
    "merge_into",
    "parse_file",
    "parse_into_store",
    "read_text",
    "resolve_format",
]
