return trim_to(tonumber(ARGV[1]))
