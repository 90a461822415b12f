"""Close the world where a catalogue is complete: add OWL closure axioms to instance data.

OWL reads data under the open-world assumption, so "every service of this provider is delivered
by telephone" is never entailed from a list of services: another, unlisted one might exist. A
vendor catalogue, however, lists *all* of a provider's services and channels. This module states
that explicitly, per individual, with axioms of the form

    ex:acme rdf:type [ owl:onProperty bpo:providesService ; owl:allValuesFrom [ owl:oneOf (ex:s1 ex:s2) ] ]

so that HermiT can classify individuals by universal restrictions (call-centre operator,
non-voice BPO provider, call-centre site) while the ontology itself stays open-world.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF

from bpo_kg import BPO_NS

# Property -> SPARQL property path that yields every value the data states or implies for it.
# providesService also follows engagements, mirroring the chain isProviderIn o coversService.
CATALOGUE_CLOSURE: Mapping[str, str] = {
    BPO_NS + "providesService": "bpo:providesService|((bpo:isProviderIn|^bpo:hasProvider)/bpo:coversService)",
    BPO_NS + "deliveredThrough": "bpo:deliveredThrough",
    BPO_NS + "handlesChannel": "bpo:handlesChannel",
}


def closure_axioms(data: Graph, closures: Mapping[str, str] = CATALOGUE_CLOSURE) -> Graph:
    """A graph of closure axioms, one per (individual, property) that has at least one IRI value.

    Individuals with a blank-node value for a property are left open for that property, since a
    blank node cannot be named in ``owl:oneOf``.
    """
    axioms = Graph()
    for prop, path in closures.items():
        values: dict[URIRef, set] = defaultdict(set)
        query = f"SELECT ?s ?o WHERE {{ ?s {path} ?o }}"
        for subject, value in data.query(query, initNs={"bpo": BPO_NS}):
            if isinstance(subject, URIRef):
                values[subject].add(value)
        for subject in sorted(values):
            members = values[subject]
            if not all(isinstance(member, URIRef) for member in members):
                continue
            restriction, enumeration, items = BNode(), BNode(), BNode()
            axioms.add((subject, RDF.type, restriction))
            axioms.add((restriction, RDF.type, OWL.Restriction))
            axioms.add((restriction, OWL.onProperty, URIRef(prop)))
            axioms.add((restriction, OWL.allValuesFrom, enumeration))
            axioms.add((enumeration, RDF.type, OWL.Class))
            axioms.add((enumeration, OWL.oneOf, items))
            Collection(axioms, items, sorted(members))
    return axioms
