DROP VIEW reporting.monthly_totals;
