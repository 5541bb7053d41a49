# Runs BINARY with ARGS (a ;-list) and writes its standard output to OUTPUT (cmake -P); a non-zero
# exit fails the build. Used to generate the man page and completions from the built binary.
execute_process(COMMAND ${BINARY} ${ARGS} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BINARY} ${ARGS} failed (${rc})")
endif()
