"""Print the plan-reader corpus figures (tests/fixtures/plans/*.expected.json): found, extra, lead,
responsible and deadline exact, refused documents; --misses lists every difference."""

from django.core.management.base import BaseCommand

from tasks.plan_reader import corpus


class Command(BaseCommand):
    help = "Score the plan reader on the real plans with hand-checked expectations and print the table."

    def add_arguments(self, parser):
        parser.add_argument("--misses", action="store_true", help="also list every difference")

    def handle(self, *args, misses=False, **options):
        scores, overall = corpus.score_corpus()
        variants, all_variants = corpus.score_variants()
        self.stdout.write(corpus.format_table(scores, overall))
        self.stdout.write("")
        self.stdout.write(corpus.format_table(variants, all_variants, "variant"))
        if misses:
            for score in [*scores, *variants]:
                for miss in score.misses:
                    self.stdout.write(f"{score.name}: {miss}")
