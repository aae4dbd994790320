"""Tools that run devtalk's surroundings on this machine (a throwaway PostgreSQL server, a cluster);
nothing in the product imports them."""
