# Included by ctest after unit_ingest's discovered tests: the Parquet tests that read files written by
# real writers depend on the ingest.parquet_files fixture (tests/unit/ingest/CMakeLists.txt).
foreach(fg_test IN LISTS unit_ingest_TESTS)
  if(fg_test MATCHES "^ingest\\.Parquet(Writers|TestingFiles|MemoryBound)\\.")
    set_tests_properties("${fg_test}" PROPERTIES FIXTURES_REQUIRED parquet_files)
  endif()
endforeach()
