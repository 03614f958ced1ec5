"""Tools of a page rather than calculators of their own: the decision pack, scenarios, the
freelancer worksheet and its importer. They are run like calculators (``calculators.run``)
and listed by ``calculators.names()``; ``spec(name)["kind"]`` tells them apart where a
module says ``KIND = "tool"``. They may use calculators; calculators never use them.
"""
