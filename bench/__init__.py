"""`python -m bench` (`make bench`): performance figures measured against a floor taken in the same run."""
