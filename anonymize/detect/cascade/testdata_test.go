package cascade

// Small hand-written cascades in both storage formats. The window is 4x4;
// the one feature is the bottom half minus the top half (weights 2 on the
// bottom 4x2, -1 on the whole window), so "bright below dark" passes.
const newFormatXML = `<?xml version="1.0"?>
<opencv_storage>
<cascade type_id="opencv-cascade-classifier">
  <stageType>BOOST</stageType>
  <featureType>HAAR</featureType>
  <height>4</height>
  <width>4</width>
  <stages>
    <_>
      <maxWeakCount>1</maxWeakCount>
      <stageThreshold>0.5</stageThreshold>
      <weakClassifiers>
        <_>
          <internalNodes>0 -1 0 0.1</internalNodes>
          <leafValues>-1. 1.</leafValues></_></weakClassifiers></_></stages>
  <features>
    <_>
      <rects>
        <_>0 0 4 4 -1.</_>
        <_>0 2 4 2 2.</_></rects></_></features></cascade>
</opencv_storage>
`

const oldFormatXML = `<?xml version="1.0"?>
<opencv_storage>
<tiny type_id="opencv-haar-classifier">
  <size>4 4</size>
  <stages>
    <_>
      <trees>
        <_>
          <_>
            <feature>
              <rects>
                <_>0 0 4 4 -1.</_>
                <_>0 2 4 2 2.</_></rects>
              <tilted>0</tilted></feature>
            <threshold>0.1</threshold>
            <left_val>-1.</left_val>
            <right_val>1.</right_val></_></_></trees>
      <stage_threshold>0.5</stage_threshold>
      <parent>-1</parent>
      <next>-1</next></_></stages></tiny>
</opencv_storage>
`
