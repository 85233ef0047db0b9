{
    "name": "Mobility Mentoring: benchmark data",
    "summary": "Test-only: the bulk loader of make bench's residents' files, and its check "
    "against the models on 50 residents",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/mobility-mentoring/mobility_mentoring",
    "author": "Mobility Mentoring contributors",
    "license": "AGPL-3",
    "depends": ["mobility_mentoring"],
}
