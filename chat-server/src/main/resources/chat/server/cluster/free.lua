return free(ARGV[1], ARGV[2], ARGV[3], false, tonumber(ARGV[4]), ARGV[5], incr) and 1 or 0
